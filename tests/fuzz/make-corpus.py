#!/usr/bin/env python3
"""Makes the seed corpora of tests/fuzz/corpus/ from tests/fixtures and docs/api.md.

Run by hand when the fixtures change; the output is checked in (small files only). Files named
crash-* or regression-* in a corpus are found inputs kept as regressions: this script leaves them.
"""
import hashlib
import json
import pathlib
import re

root = pathlib.Path(__file__).resolve().parents[2]
fixtures = root / "tests" / "fixtures"
corpus = root / "tests" / "fuzz" / "corpus"
MAX_BYTES = 16 * 1024


def put(target, data, name=None):
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_BYTES:
        return
    folder = corpus / target
    folder.mkdir(parents=True, exist_ok=True)
    name = name or "seed-" + hashlib.sha1(data).hexdigest()[:16]
    (folder / name).write_bytes(data)


def clear(target):
    folder = corpus / target
    if folder.is_dir():
        for f in folder.iterdir():
            if f.name.startswith("seed-"):
                f.unlink()


targets = ["fuzz_packline", "fuzz_packfile", "fuzz_bundle", "fuzz_event", "fuzz_syncbody",
           "fuzz_batchanswer", "fuzz_csv", "fuzz_offsets", "fuzz_markdown", "fuzz_judgments"]
for t in targets:
    clear(t)

packs = sorted((fixtures / "packs").rglob("*.jsonl"))
bundles = sorted((fixtures / "bundles").glob("*.majlisbundle"))

# Pack lines and whole packs.
for p in packs:
    data = p.read_bytes()
    put("fuzz_packfile", data)
    for line in data.splitlines():
        if line.strip():
            put("fuzz_packline", line)
for p in sorted((fixtures / "pack-build").rglob("*.json*")):
    for line in p.read_bytes().splitlines():
        if line.strip():
            put("fuzz_packline", line)
for text in ['0', '-0', '1.5e-3', '-12345678901234567890', '18446744073709551615', '"\\u0627\\ud83d\\ude00"',
             '[[[[[[[[[[]]]]]]]]]]', '{"a":{"b":[true,false,null]}}', ' {"x" : "y"} ', '"\\/\\b\\f\\n\\r\\t"']:
    put("fuzz_packline", text)

# Bundles, and their event lines as events and sync batches.
events = []
for b in bundles:
    data = b.read_bytes()
    put("fuzz_bundle", data)
    for line in data.splitlines()[1:]:
        if line.startswith(b'{"majlis_bundle_trailer"'):
            continue
        try:
            json.loads(line)
        except ValueError:
            continue
        put("fuzz_event", line)
        events.append(line)
events = list(dict.fromkeys(events))
put("fuzz_syncbody", b'{"events":[]}')
put("fuzz_syncbody", b'{"events":[' + b",".join(events) + b"]}")
for e in events[:4]:
    put("fuzz_syncbody", b'{"events":[' + e + b"]}")
    put("fuzz_syncbody", b'{ "events" : [ ' + e + b" ] }\n")

# Answers to a batch, from the examples of docs/api.md.
for m in re.finditer(r'^\{"accepted".*\}$', (root / "docs" / "api.md").read_text(encoding="utf-8"), re.M):
    put("fuzz_batchanswer", m.group(0))

# CSV.
for p in sorted((fixtures / "pack-build").rglob("*.csv")):
    put("fuzz_csv", p.read_bytes())
for text in ['a,b\r\n"c ""d""",e\n', '"x\r\ny",z\r', '\ufeffid\tanswer\n1\t"multi\nline"\n', ',,\n\n,']:
    put("fuzz_csv", text)

# Text for the offset maps: Arabic notes of the fixtures, as UTF-8 and as UTF-16 (the target
# reads its input both ways), with emoji, harakat, embedded Latin and lone surrogates.
texts = ["قال: Hello, world! ثم", "(A) أفضل من config (النسخة", "مرحبا 👋🏽 يا 👨‍👩‍👧", "مَرْحَبًا بِكُم",
         "الإجابة الأولى أفضل\nلأنها باللهجة الإماراتية", "plain latin only", "رقم 42 و 3.14 [x] {y}"]
for t in texts:
    put("fuzz_offsets", t)
    put("fuzz_offsets", t.encode("utf-16-le"))
put("fuzz_offsets", "ab\ud800cd\udc00ا".encode("utf-16-le", "surrogatepass"))

# Markdown as answers and prompts hold it: the texts of the fixture packs and of the demo pack,
# plus the constructs the renderer treats specially (tables, code, lists, mixed directions).
markdown = []
for p in packs + [root / "resources" / "demo" / "majlis-demo.jsonl"]:
    for line in p.read_bytes().splitlines():
        try:
            value = json.loads(line)
        except ValueError:
            continue
        stack = [value]
        while stack:
            v = stack.pop()
            if isinstance(v, dict):
                stack.extend(v.values())
            elif isinstance(v, list):
                stack.extend(v)
            elif isinstance(v, str) and len(v) > 20 and not v.startswith(("http", "urn:")):
                markdown.append(v)
for text in ["## عنوان\n\n- بند أول\n- second item\n\n1. واحد\n2. two\n",
             "| الاسم | العمر |\n|---|---|\n| سالم | ٣٠ |\n| Sam | 30 |\n",
             "```python\nprint(\"مرحبا\")\n```\n\nقال `code` ثم Hello, world! انتهى.\n",
             "> اقتباس\n>> nested quote\n\n***bold italic*** ~~strike~~ [رابط](https://example.org)\n",
             "| a | b | c |\n|:-|:-:|-:|\n| ١ |  | ٣ |\n\n- [ ] مهمة\n- [x] done\n"]:
    markdown.append(text)
for text in dict.fromkeys(markdown):
    put("fuzz_markdown", text)

# Judgment files (tests/fixtures/judgments): the first records of each, whole files being larger
# than a seed may be, and the shapes a reader must refuse clearly.
for p in sorted((fixtures / "judgments").rglob("*")):
    if not p.is_file():
        continue
    data = p.read_bytes()
    if p.suffix == ".json":
        put("fuzz_judgments", data[:data.find(b"\n    },") + 7] + b"\n]\n" if b"\n    }," in data else data)
    else:
        put("fuzz_judgments", b"\n".join(data.split(b"\n")[:3]) + b"\n")
for text in ['[{"idx": 1, "cmp_key": "a_b", "instruction": "i", "input": NaN, "response1": "NaN", "response2": "y", "annotator1": 0}]',
             '{"question_id": 81, "model_a": "x", "model_b": "y", "winner": "tie (bothbad)", "judge": "j", "turn": 2}\n',
             'prompt,output_a,output_b,judge,choice\r\nq,"x, y",z,j1,Both bad\r\n']:
    put("fuzz_judgments", text)
