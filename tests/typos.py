#!/usr/bin/env python3
"""typos.py: how well the bot reads misspelt questions, for make eval.

usage: tests/typos.py CASES -- BOT [ARGS...]

Each question of CASES (faqbot --test's format: question<TAB>ids, or -
when the FAQ has no answer) is asked once per content word of four letters
or more, that word given one edit: a letter dropped, swapped with the
next, changed or added. Which edit, where, is drawn from a fixed seed, so
every run asks the same questions. BOT gets them on stdin and must answer
in --json. Prints one line: the share of misspelt in-domain questions
answered right and of misspelt off-topic ones declined.
"""
import json
import re
import subprocess
import sys

# Common short words a typo would not be tried on (they are mostly
# function words, which the bot barely counts).
SKIP = set("what when where which with does have your about should could"
           " would there their this that from into them they much many will"
           .split())
LETTERS = "abcdefghijklmnopqrstuvwxyz"


class Draw:
    """A small linear congruential generator: the same numbers on every
    Python, unlike random's, whose algorithms may change."""

    def __init__(self, seed):
        self.x = seed

    def below(self, n):
        self.x = (self.x * 6364136223846793005 + 1442695040888963407) % 2**64
        return (self.x >> 33) % n


def misspell(word, draw):
    i = draw.below(len(word))
    kind = draw.below(4)
    c = LETTERS[draw.below(26)]
    if kind == 0:
        return word[:i] + word[i + 1:]
    if kind == 1 and i + 1 < len(word):
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    if kind == 2:
        return word[:i] + c + word[i + 1:]
    return word[:i] + c + word[i:]


def variants(question, draw):
    out = []
    for m in re.finditer(r"[A-Za-z]{4,}", question):
        if m.group().lower() in SKIP:
            continue
        typo = misspell(m.group(), draw)
        if typo.lower() != m.group().lower():
            out.append(question[:m.start()] + typo + question[m.end():])
    return out


def main():
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        sys.exit("usage: typos.py CASES -- BOT [ARGS...]")
    draw = Draw(1)
    cases = []
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\t" not in line:
                continue
            q, ids = line.rstrip("\n").split("\t")[:2]
            want = None if ids.strip() == "-" else set(ids.split(","))
            cases += [(v, want) for v in variants(q, draw)]
    text = "".join(q + "\n" for q, _ in cases)
    run = subprocess.run(sys.argv[3:], input=text, capture_output=True,
                         text=True, check=False)
    out = run.stdout.splitlines()
    if len(out) != len(cases):
        sys.exit(f"typos.py: {len(out)} answers to {len(cases)} questions")
    right = ins = declined = offs = 0
    for (_, want), line in zip(cases, out):
        o = json.loads(line)
        if want is None:
            offs += 1
            declined += o["answer"] is None
        else:
            ins += 1
            right += o["answer"] is not None and o["id"] in want
    print(f"answered right {right / max(ins, 1):.3f} ({right}/{ins}), "
          f"declined right {declined / max(offs, 1):.3f} ({declined}/{offs})")


if __name__ == "__main__":
    main()
