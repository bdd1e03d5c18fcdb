// The help of every majlisctl command (help.h): what `majlisctl help COMMAND`, `COMMAND --help`
// and `-h` print below the synopsis of main.cpp's command table, in the same order. Plain ASCII.
#include "help.h"

#include <QString>

namespace majlis::ctl {

namespace {
// The server options workstation enroll and sync share.
const OptionHelp kServer{"--server URL",
                         "the server, http:// or https://, e.g. http://10.0.0.5:8787; default the saved sync settings"};
const OptionHelp kTokenFile{"--token-file FILE",
                            "read your bearer token from FILE; without it the token is $MAJLIS_TOKEN, then --token, "
                            "then the saved sync settings"};
const OptionHelp kToken{"--token TOKEN",
                        "the token itself; works, with a warning: other users of the machine can see it (ps)"};
} // namespace

const QList<CommandHelp> &commandHelp()
{
    static const QList<CommandHelp> table{
        {
            "pack import",
            "Validates a task pack file and imports it into the store, ready for voting.",
            "The whole file is checked before anything is stored: one error stops the import and leaves the\n"
            "store as it was. Importing the same pack again changes nothing; a different pack under an id the\n"
            "store already holds is refused (give it a new id). The pairs of candidates of each item become its\n"
            "comparisons: every pair, or a sample with --pairs-per-item.",
            {
                {"FILE",
                 "the pack file to import (JSON Lines: a header line, then one item per line; docs/formats.md)"},
                {"--pairs-per-item N",
                 "compare only N pairs of candidates per item (N >= 1), a sample that is the same on every "
                 "workstation; default every pair. The first import of a pack decides it"},
            },
            "majlisctl pack import dubai-survey.jsonl\n"
            "majlisctl pack import dubai-survey.jsonl --pairs-per-item 3",
            "1: the file is not a valid pack (the error names the line and field), a different pack with that id\n"
            "   is already stored, or the store cannot be opened for writing (e.g. the desktop app has it open)",
        },
        {
            "pack validate",
            "Checks a task pack file without importing it.",
            "The file is read with the same rules as pack import and the store is not opened. Prints the pack id\n"
            "and its numbers of items and candidates.",
            {
                {"FILE", "the pack file (JSON Lines) to check"},
            },
            "majlisctl pack validate dubai-survey.jsonl",
            "1: the file is not a valid pack; the error names the file, the line and the field",
        },
        {
            "pack build",
            "Builds a task pack from existing model outputs (long table, AlpacaEval, MT-Bench) or judgment files.",
            "Answers are grouped by prompt: one item per prompt, one candidate per model; a prompt answered by\n"
            "fewer than two models, and an empty answer, are left out. The pack is checked with the import rules\n"
            "before it is written, so a built pack always imports. An existing OUT is refused before any input\n"
            "is read unless --force is given. The store is not used.",
            {
                {"--from long|alpaca_eval|mt_bench|pandalm|mt-bench-human|arena",
                 "the input format (required): long = one row per prompt, model and output (CSV, TSV or JSON "
                 "Lines); alpaca_eval = AlpacaEval model_outputs.json, one file per model; mt_bench = FastChat "
                 "MT-Bench question.jsonl and model_answer/*.jsonl. Judgment files that hold the answers they "
                 "judged, for votes import: pandalm = PandaLM's testset-v1.json (an item per record, id idx); "
                 "mt-bench-human = MT-Bench human judgments with conversation_a/b (items <question_id>-t1, -t2); "
                 "arena = Chatbot Arena conversations (an item per battle, id question_id)"},
                {"FILES...", "the input files (at least one)"},
                {"-o OUT, --output OUT", "the pack file to write (required)"},
                {"--id ID",
                 "the pack id; default the output file name made valid (dubai survey.jsonl -> dubai-survey)"},
                {"--title T", "the pack title; default the pack id"},
                {"--dialects a,b",
                 "the dialects the pack allows, comma-separated; default the dialects found in the inputs, else "
                 "unspecified. A prompt asking for another one is an error. Any code the dialect registry knows "
                 "(egy, arz, EG, ar-EG, Egyptian or its Arabic name) is written as its variety (egyptian); a note lists the "
                 "codes mapped and those the registry does not know"},
                {"--default-dialect D", "the dialect of rows that name none"},
                {"--guidelines FILE", "the English guidelines, a Markdown file; default a short text of Majlis'"},
                {"--guidelines-ar FILE", "the Arabic guidelines, a Markdown file; default a short text of Majlis'"},
                {"--labels FILE",
                 "names of the categories in more languages: a JSON file {\"categories\": {\"travel\": {\"en\": "
                 "\"Travel\", \"ar\": \"...\"}}}"},
                {"--reveal after_vote|never",
                 "when annotators learn which model wrote which answer: after_vote (default) or never"},
                {"--map field=column",
                 "long: read FIELD from COLUMN instead of the recognised column names; FIELD is prompt_id, "
                 "prompt, model, output, category or dialect; may be repeated"},
                {"--questions FILE",
                 "mt_bench: the question file, when it is not recognised among the inputs by its name or shape"},
                {"--second-turns",
                 "mt_bench: also an item <question_id>-t2 per second turn, each candidate showing its own first "
                 "answer with its answer to the follow-up"},
                {"--force", "replace an existing OUT; it is replaced only by a build that succeeds"},
            },
            "majlisctl pack build --from long answers.csv -o dubai-survey.jsonl --dialects emirati,msa "
            "--default-dialect emirati\n"
            "majlisctl pack build --from long export.tsv -o dubai-survey.jsonl --map output=reply --force\n"
            "majlisctl pack build --from long answers.csv -o survey.jsonl --guidelines-ar guidelines-ar.md "
            "--labels labels.json\n"
            "majlisctl pack build --from alpaca_eval results/*/model_outputs.json -o alpaca-ar.jsonl "
            "--title 'AlpacaEval in Arabic'\n"
            "majlisctl pack build --from mt_bench question.jsonl model_answer/*.jsonl -o mt-bench.jsonl "
            "--second-turns",
            "1: an input cannot be read or lacks a required column (the error lists the columns found and\n"
            "   suggests a --map), the inputs contradict each other (a prompt id with two texts, a model\n"
            "   answering a prompt twice), no prompt has answers from two models, the built pack would not be\n"
            "   valid, or OUT exists and --force was not given",
        },
        {
            "pack list",
            "Lists the packs in the store with their item and comparison counts.",
            "One line per pack, tab-separated: id, items, comparisons, title. The store is only read.",
            {},
            "majlisctl pack list",
            "1: there is no store at the path, or it cannot be read",
        },
        {
            "events export",
            "Writes the events of the store, one JSON object per line, to stdout or a file.",
            "Every event is written, live or superseded (undone votes too), in the order they were cast, in the\n"
            "form of docs/formats.md (Events). With -o the file is replaced atomically and the number of events\n"
            "is printed on stderr. The store is only read.",
            {
                {"--format jsonl", "the output format; jsonl (JSON Lines) is the only one and the default"},
                {"-o FILE", "write to FILE instead of stdout"},
                {"--pack ID", "only the events of this pack"},
                {"--annotator NAME", "only the events of this annotator"},
            },
            "majlisctl events export -o events.jsonl\n"
            "majlisctl events export --pack dubai-survey --annotator amina",
            "1: there is no store at the path, it cannot be read, or FILE cannot be written",
        },
        {
            "stats",
            "Prints a summary of the store: workstation id, packs, items, comparisons, events.",
            "Events are counted in all and by kind, and live votes (not undone or replaced) by annotator.\n"
            "The store is only read.",
            {},
            "majlisctl stats\n"
            "majlisctl --store /media/usb/amina.sqlite stats",
            "1: there is no store at the path, or it cannot be read",
        },
        {
            "bundle export",
            "Writes this workstation's events to a signed bundle file for a coordinator.",
            "Only the events made on this store's workstation go in (not those imported from others), signed\n"
            "with its key. The file is verified before it appears under its name, and an existing file is never\n"
            "replaced. With nothing to export, no file is written and the exit code is 0.",
            {
                {"-o FILE, --output FILE",
                 "the bundle to write (required), e.g. votes.majlisbundle; it must not exist"},
                {"--all", "every event of this workstation (the default)"},
                {"--since-last", "only the events after those already written by this store's last bundle export"},
            },
            "majlisctl bundle export --since-last -o amina-0502.majlisbundle\n"
            "majlisctl bundle export --all -o votes.majlisbundle",
            "1: FILE already exists or cannot be written, the workstation key cannot be read, or the store\n"
            "   cannot be opened for writing (e.g. the desktop app has it open)",
        },
        {
            "bundle verify",
            "Checks a vote bundle without importing it, and whether its key is trusted.",
            "Checks that the bundle is complete (not cut off), intact (its bytes match the signed SHA-256),\n"
            "authentic (a valid Ed25519 signature) and consistent (header, every event, seq order, annotators),\n"
            "and prints the signing key with its fingerprint. The key is trusted when this store has it\n"
            "registered for the bundle's workstation; otherwise compare the fingerprint with what\n"
            "`majlisctl workstation show` prints on that workstation. The store is only read, and none is\n"
            "needed: nothing is imported or registered.",
            {
                {"FILE", "the bundle to check, e.g. votes.majlisbundle"},
                {"--trust-new-key",
                 "exit 0 rather than 3 when a valid bundle is signed by a key this store has not registered "
                 "(a key other than the registered one is still refused)"},
            },
            "majlisctl bundle verify votes.majlisbundle\n"
            "majlisctl bundle verify votes.majlisbundle --trust-new-key",
            "1: the bundle is invalid: damaged, cut off, forged, or signed by another key than the one\n"
            "   registered for its workstation; or the store exists but cannot be read\n"
            "3: the bundle is valid, but this store has no key registered for its workstation (or there is no\n"
            "   store); 0 with --trust-new-key",
        },
        {
            "bundle import",
            "Verifies a vote bundle and adds its events to the store, all or nothing.",
            "The bundle is verified first, as bundle verify does, then all its events are stored in one\n"
            "transaction; importing the same bundle again changes nothing. A bundle of a workstation this store\n"
            "does not know is refused unless its key was registered (workstation trust) or --trust-new-key is\n"
            "given. Prints the new and already known events, gaps in seq, and up to where each workstation's\n"
            "events are complete.",
            {
                {"FILE", "the bundle to import, e.g. votes.majlisbundle"},
                {"--trust-new-key",
                 "accept and register the key of a workstation this store does not know yet (check its "
                 "fingerprint with bundle verify first); a registered key is never replaced"},
            },
            "majlisctl bundle import votes.majlisbundle\n"
            "majlisctl bundle import votes.majlisbundle --trust-new-key",
            "1: the bundle does not verify, its workstation is unknown (without --trust-new-key) or has another\n"
            "   key registered, an event contradicts the store, the bundle id was imported before with other\n"
            "   content, or the store cannot be opened for writing (e.g. the desktop app has it open)",
        },
        {
            "workstation show",
            "Prints this store's workstation id, public key, fingerprint and secret key file.",
            "The id and the key pair are made on first use; the keys live in <store>.keys/. The id and the public\n"
            "key are what a coordinator registers: majlisctl workstation trust, majlis-server workstation enroll.",
            {},
            "majlisctl workstation show",
            "1: the store cannot be opened for writing (e.g. the desktop app has it open), or the secret key\n"
            "   cannot be read or is readable by other users",
        },
        {
            "workstation trust",
            "Registers another workstation's public key, so that its bundles are accepted.",
            "ID and KEY are what `majlisctl workstation show` prints on that workstation. Its bundles then verify\n"
            "and import without --trust-new-key. The same key again changes nothing; a workstation keeps its\n"
            "key, so another key for an ID already registered is refused.",
            {
                {"ID", "the workstation id"},
                {"KEY|FILE.pub", "its Ed25519 public key in base64, or a file holding it (workstation_ed25519.pub)"},
            },
            "majlisctl workstation trust 018f3320-0000-7000-8000-00000000f001 workstation_ed25519.pub\n"
            "majlisctl workstation trust 018f3320-0000-7000-8000-00000000f001 "
            "wm0hPL8v6dYjj/wOv6GL8bL70Kzk0zVXZp0S7cL1w/Q=",
            "1: the key is not base64 or not 32 bytes, another key is registered for ID, the file cannot be\n"
            "   read, or the store cannot be opened for writing",
        },
        {
            "workstation enroll",
            "Enrolls this workstation on a server with a one-time code, binding its key to you.",
            "The code comes from a coordinator's `majlis-server workstation invite`. The request is signed by\n"
            "this workstation's key, so the server binds that key and no other; it takes the workstation's votes\n"
            "only once it is enrolled. Server and token come from the options, else $MAJLIS_TOKEN and the sync\n"
            "settings saved in the desktop app.",
            {
                {"--code CODE", "the one-time enrollment code (required)"},
                kServer,
                kTokenFile,
                kToken,
            },
            "majlisctl workstation enroll --code mjt_Q2xV9kR3wZ7pL4tA --server http://10.0.0.5:8787 "
            "--token-file amina.token\n"
            "majlisctl workstation enroll --code mjt_Q2xV9kR3wZ7pL4tA",
            "1: the server refused the enrollment (a code that is unknown, used, expired or someone else's; a\n"
            "   refused token; a workstation bound to another key) or could not be reached\n"
            "2 also: no server or no token, an unreadable --token-file, or a --server that is not a URL",
        },
        {
            "sync",
            "Sends this workstation's unacknowledged events to the server until none are left.",
            "Events go in signed batches. After a failed attempt it waits (--backoff-ms, then doubling up to\n"
            "30 s, with jitter) and tries again, up to --max-attempts failures in a row. It stops at once when\n"
            "retrying cannot help: the server rejected an event, refused the token (401, 403: e.g. the\n"
            "workstation is not enrolled) or holds less than it acknowledged before. Server and token as for\n"
            "workstation enroll.",
            {
                kServer,
                kTokenFile,
                kToken,
                {"--batch N", "events per batch, N >= 1, default 500 (at most 1000 are sent at once)"},
                {"--max-attempts N", "give up after N failed attempts in a row, N >= 1, default 6"},
                {"--backoff-ms MS", "the wait after the first failure, in milliseconds, default 1000"},
            },
            "majlisctl sync --server http://10.0.0.5:8787 --token-file amina.token\n"
            "majlisctl sync\n"
            "majlisctl sync --max-attempts 10 --backoff-ms 2000",
            "1: events are left unacknowledged (after --max-attempts failures, or because the server refused\n"
            "   them or the token), or the store or its key cannot be opened\n"
            "2 also: no server or no token, an unreadable --token-file, a --server that is not a URL, or a\n"
            "   number that is not a whole number (--batch and --max-attempts at least 1)",
        },
        {
            "ratings",
            "Computes the leaderboard (Bradley-Terry ratings) from the store or a battle file.",
            "Columns: Rank (models whose intervals overlap share a rank), Rating (1000 + 400 log10 strength; 400\n"
            "points are 10:1 odds), 95% CI, Votes (every battle of the model), W, L, T (wins, losses, ties), BB\n"
            "(both bad: votes that found both answers bad, a tie in the fit unless --both-bad exclude), Elo\n"
            "(online Elo, for comparison only, never the ranking) and Note (provisional: fewer votes than\n"
            "--min-votes; or why there is no rating: unbounded above or below, unidentified, disconnected, no\n"
            "votes). Only live votes on randomly scheduled pairs, and judgments imported with votes import,\n"
            "count unless --include-picked; intervals are bootstrap, 1000 rounds, seed 42. Below the board: warnings, a board per --slice value, identity\n"
            "leaks (answers shown with a masked model name) and failure marks per model.",
            {
                {"--pack ID",
                 "only the votes of this pack, which the store must have; default every pack (a note on stderr "
                 "says so when there are several)"},
                {"--slice dialect|region|category|group",
                 "also a board per dialect, region, category or annotator group; none (the default) gives the "
                 "overall board only. Dialects are the dialect registry's varieties (egy and arz are one board, "
                 "egyptian), regions its regions (gulf, levant, nile_valley, maghreb, ...); a code it does not know "
                 "is its own dialect, in no region"},
                {"--groups FILE",
                 "annotator -> group, for --slice group: a JSON object {\"amina\": \"dubai\"} or lines "
                 "annotator,group (comma or TAB; # starts a comment line)"},
                {"--slice-min-votes N",
                 "a slice with fewer ranking votes is still fitted, but flagged too few; default 50"},
                {"--bootstrap N",
                 "bootstrap rounds for the intervals, 0 to 10000, default 1000 (seed 42); 0: no intervals"},
                {"--ci bootstrap|sandwich|none",
                 "the intervals: bootstrap (default), sandwich (robust, from one fit) or none"},
                {"--include-picked",
                 "also count votes on pairs picked by hand, which carry selection bias; by default only randomly "
                 "scheduled pairs feed the ranking"},
                {"--both-bad tie|exclude",
                 "a both-bad vote counts as a tie (default), or is left out of the fit and of Elo"},
                {"--anchor MODEL",
                 "MODEL gets --anchor-rating and every other rating shifts with it; default: the rated models "
                 "average 1000"},
                {"--anchor-rating R", "the rating of the --anchor model, default 1000"},
                {"--min-votes N", "a model with fewer votes is marked provisional, default 100"},
                {"--format table|json|csv",
                 "table (default), json (the document GET /api/v1/leaderboard answers) or csv (a row per model)"},
                {"--lang en|ar",
                 "the language of the table's labels (failure categories, pack categories); default the "
                 "environment's (LANG), English unless it is Arabic. json and csv keep the ids"},
                {"--battles FILE",
                 "rate a Chatbot Arena battle file (a JSON array or JSON Lines of model_a, model_b, winner) "
                 "instead of the store; --pack, --slice, --groups, --slice-min-votes and --include-picked do not "
                 "apply"},
            },
            "majlisctl ratings --pack dubai-survey\n"
            "majlisctl ratings --pack dubai-survey --slice dialect --min-votes 50\n"
            "majlisctl ratings --pack dubai-survey --slice group --groups groups.csv --format json\n"
            "majlisctl ratings --battles arena-battles.jsonl --ci sandwich --anchor mixtral-8x7b-instruct-v0.1 "
            "--anchor-rating 1114",
            "1: there is no store at the path, --pack names a pack the store does not have, the --groups file\n"
            "   cannot be read, the --anchor model has no votes, or the --battles file is not valid (the error\n"
            "   names the line and the field)\n"
            "2 also: a bad or repeated option value, --slice group without --groups",
        },
        {
            "export",
            "Exports the store's live votes as an Arena battle file or a CSV table.",
            "arena writes the battles that feed ratings (JSON Lines; one JSON array when FILE ends in .json),\n"
            "so `majlisctl ratings --battles FILE` gives the same ratings. csv writes one row per live vote,\n"
            "picked by hand or not (the selection column tells them apart): event_id, pack_id, item_id,\n"
            "comparison_id, annotator, dialect, category, model_a, model_b, outcome, winner_model, first_side,\n"
            "chosen_side, selection, created_utc.",
            {
                {"--format arena|csv",
                 "required: arena (Chatbot Arena battles: JSON Lines, or a JSON array for a -o FILE ending in "
                 ".json) or csv"},
                {"-o FILE, --output FILE",
                 "write to FILE (replaced atomically) instead of stdout; the number of votes goes to stderr"},
                {"--pack ID", "only the votes of this pack, which the store must have; default every pack"},
                {"--include-picked", "arena: also the votes on pairs picked by hand (csv always has them)"},
            },
            "majlisctl export --format arena --pack dubai-survey -o dubai-survey-battles.jsonl\n"
            "majlisctl export --format csv --pack dubai-survey -o dubai-survey-votes.csv",
            "1: there is no store at the path, --pack names a pack the store does not have, or FILE cannot be\n"
            "   written",
        },
        {
            "agreement",
            "Measures how often annotators agree when they judged the same comparison.",
            "A comparison counts once two or more annotators voted on it (every live vote, whatever its\n"
            "selection; the label is the outcome: a, b, tie or both bad). Figures: observed agreement (share of\n"
            "agreeing pairs of labels), Fleiss' kappa and Krippendorff's alpha (nominal) over everyone, Cohen's\n"
            "kappa for each pair of annotators, and each annotator's agreement with the majority of the others.\n"
            "Kappa and alpha correct for chance. Figures from a few comparisons are not meaningful: the table\n"
            "flags those from fewer than 30; - (null in JSON) means undefined.",
            {
                {"--pack ID", "only the votes of this pack, which the store must have; default every pack"},
                {"--format table|json", "table (default) or json"},
            },
            "majlisctl agreement --pack dubai-survey\n"
            "majlisctl agreement --pack dubai-survey --format json",
            "1: there is no store at the path, or --pack names a pack the store does not have",
        },
        {
            "bias",
            "Checks whether annotators favour the answer shown on the left of the screen.",
            "For everyone and for each annotator: the decisive votes (ties and both bad left out) and the share\n"
            "won by the answer on the left, with a 95% Wilson interval; biased means the interval excludes 50%.\n"
            "Every live vote cast in Majlis counts, whatever its selection; imported judgments (votes import)\n"
            "never do: their order and side were their source's, not a random placement. There is no correction\n"
            "for testing many annotators: a flag means look closer, not a verdict.",
            {
                {"--pack ID", "only the votes of this pack, which the store must have; default every pack"},
                {"--format table|json", "table (default) or json"},
            },
            "majlisctl bias --pack dubai-survey\n"
            "majlisctl bias --format json",
            "1: there is no store at the path, or --pack names a pack the store does not have",
        },
        {
            "votes import",
            "Imports human judgments that another evaluation published, as votes by their judges.",
            "Each judgment becomes a vote on the comparison of the pack that holds its two answers, authored by\n"
            "SOURCE:JUDGE (pandalm:annotator1, mt-bench-human:expert_7) and marked imported with its source and\n"
            "record. Build the pack from the same data first (pack build --from pandalm|mt-bench-human|arena, or\n"
            "from the answers the judgments are about) and import it. A judgment is matched by its item id where\n"
            "the source has one, else by its prompt, and by its models, else by its answers. Imported votes feed\n"
            "ratings and agreement, never the position bias; they record only the order and side their source\n"
            "records. Everything is stored in one transaction or nothing is; importing the same file again adds\n"
            "nothing. The same judge on the same pair twice in a file: the last one counts.",
            {
                {"--from arena|pandalm|mt-bench-human|long",
                 "the file's format (required): arena = Chatbot Arena battles with judge (JSON Lines or an array: "
                 "question_id, model_a, model_b, winner, judge, conversation_a/b); pandalm = PandaLM's "
                 "testset-v1.json (annotator1..3: 0 tie, 1 response1, 2 response2); mt-bench-human = MT-Bench "
                 "human judgments (question_id, model_a, model_b, winner, judge, turn); long = one row per "
                 "judgment, CSV, TSV or JSON Lines: a prompt (or prompt id), two answers (or models), the judge "
                 "and the choice (a, b, tie, both bad, model_a, ...), columns recognised by their common names"},
                {"FILE", "the judgment file"},
                {"--pack ID", "the pack the judgments were made on; default the store's only pack"},
                {"--map field=column",
                 "long: read FIELD from COLUMN; FIELD is prompt_id, prompt, model_a, model_b, output_a, output_b, "
                 "judge, choice or category; may be repeated"},
                {"--skip-unmatched",
                 "import the judgments that match a comparison and list the others; by default one that matches "
                 "none refuses the whole file"},
            },
            "majlisctl votes import --from pandalm testset-v1.json\n"
            "  (after: majlisctl pack build --from pandalm testset-v1.json -o pandalm.jsonl;\n"
            "   majlisctl pack import pandalm.jsonl; then: majlisctl agreement --pack pandalm)\n"
            "majlisctl votes import --from long ratings.csv --pack dubai-survey --map choice=Preferred",
            "1: the file cannot be read or is not in the --from format (the error names the line and field, and\n"
            "   the format it looks like), the store holds no such pack or several without --pack, judgments\n"
            "   match no comparison of the pack (the first few are listed), or the store cannot be opened for\n"
            "   writing",
        },
    };
    return table;
}

const CommandHelp *helpFor(const QString &words)
{
    for (const CommandHelp &help : commandHelp())
        if (words == QLatin1String(help.words))
            return &help;
    return nullptr;
}

} // namespace majlis::ctl
