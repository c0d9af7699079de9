#!/usr/bin/env python3
"""jsoncheck.py QUESTIONS JSONL: the bot's JSON Lines contract. One object per
input line (empty lines included), in order, each with question (the input,
invalid UTF-8 replaced), answer (string or null), id (string or null), score
(number in [0, 1] or null, null exactly when answer is), matches (list of
{id, question, score}, best first). Exits 1 and says why on a breach."""
import json, sys

qs = open(sys.argv[1], 'rb').read().split(b'\n')
if qs and qs[-1] == b'':
    qs.pop()
lines = open(sys.argv[2], encoding='utf-8').read().split('\n')
if lines and lines[-1] == '':
    lines.pop()
def fail(msg):
    print('jsoncheck:', msg); sys.exit(1)
if len(lines) != len(qs):
    fail(f'{len(qs)} questions, {len(lines)} lines')
for i, (q, l) in enumerate(zip(qs, lines), 1):
    o = json.loads(l)
    want = q[:-1] if q.endswith(b'\r') else q
    want = want.decode('utf-8', 'replace')
    if len(want) <= 16384 and o['question'] != want:
        fail(f'line {i}: question {o["question"][:80]!r} != {want[:80]!r}')
    if not (o['answer'] is None or isinstance(o['answer'], str)):
        fail(f'line {i}: answer type')
    if (o['answer'] is None) != (o['score'] is None) or (o['answer'] is None) != (o['id'] is None):
        fail(f'line {i}: answer, id and score must be null together')
    if o['score'] is not None and not 0 <= o['score'] <= 1:
        fail(f'line {i}: score {o["score"]}')
    if not isinstance(o['matches'], list):
        fail(f'line {i}: matches')
    for m in o['matches']:
        if set(m) != {'id', 'question', 'score'} or not 0 <= m['score'] <= 1:
            fail(f'line {i}: match {m}')
    if o['answer'] is not None and o['matches'][0]['id'] != o['id']:
        fail(f'line {i}: id is not the first match')
