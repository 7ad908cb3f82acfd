#!/usr/bin/env python3
"""Write a synthetic 3000-sentence review TSV for bench/sentiment.sh.

The benchmark in issue 6 was specified on a real review dataset (about 28
thousand training tokens, where PyTorch's LSTM reaches about 79% test
accuracy). This machine has no network, so this script makes a stand-in
with the statistics that matter for speed and a similar difficulty:

  - 3000 sentences, `sentence<TAB>label` with a header line, labels balanced;
  - lengths drawn from a skewed distribution (mean about 11.7 words, a long
    tail up to 50), so about 28 thousand tokens in the 80% training split;
  - a Zipf-distributed vocabulary of about 6 thousand word types (common
    English function words and nouns, plus made-up names and titles for the
    long tail), most of them carrying no sentiment;
  - sentiment words of varying strength, negation ("not", "never") that
    flips the next one, "but" that lets the second clause decide;
  - 12% of the labels flipped at random, as real reviews disagree with
    their own stars, so no model can get much above 85%.

It is deliberately a different generator from the course corpus
(lessons/data/make_sentiment.py): different words, no templates.

    python3 bench/make_reviews.py > bench/out/reviews.tsv
"""

import math
import random
import sys

SEED = 7
N = 3000
LABEL_NOISE = 0.06

FUNCTION = ("the a and of to it is was this i in that for with as on but "
            "my at be so have had just all one very its an are from were "
            "about by they we me or there out if what would more some "
            "when up than only also even really much too can like how "
            "after again over before then their most could been time").split()
NOUNS = ("movie film story plot acting actor actress director scene scenes "
         "character characters ending script dialogue music score camera "
         "cast performance role hour minutes book author chapter writing "
         "price service food place staff room hotel flight phone battery "
         "screen product quality size color box order delivery seller "
         "album song songs band voice show season episode series game "
         "level levels graphics controls sound picture version part parts "
         "idea way people family kids friend friends night day week year "
         "money thing things work job home car city town house world life "
         "end start middle moment moments effects costume costumes sequel "
         "theater screenplay cinema studio budget genre audience critics").split()
VERBS = ("watched saw read bought ordered got tried used played heard went "
         "expected thought felt found made took gave came left started "
         "finished returned waited paid called wanted needed kept spent "
         "seemed looked sounded turned tried opened arrived showed").split()
POSITIVE = {  # word: strength
    "good": 1.0, "great": 1.6, "excellent": 2.0, "amazing": 1.8,
    "wonderful": 1.8, "best": 1.5, "love": 1.5, "loved": 1.6, "enjoyed": 1.4,
    "fun": 1.0, "beautiful": 1.3, "perfect": 1.8, "recommend": 1.2,
    "nice": 0.8, "fine": 0.4, "decent": 0.5, "solid": 0.8, "brilliant": 1.8,
    "funny": 0.9, "charming": 1.1, "fantastic": 1.8, "favorite": 1.4,
    "superb": 1.9, "touching": 1.0, "happy": 0.9, "worth": 0.8,
    "pleasant": 0.8, "clever": 0.9, "fresh": 0.7, "smart": 0.8,
    "impressive": 1.2, "entertaining": 1.1, "gorgeous": 1.3,
    "satisfying": 1.0, "delightful": 1.5, "masterpiece": 2.0, "gem": 1.5,
    "awesome": 1.6, "lovely": 1.2, "terrific": 1.7, "sweet": 0.6,
    "powerful": 1.0, "moving": 1.0, "fast": 0.4, "easy": 0.5,
}
NEGATIVE = {
    "bad": 1.2, "worst": 2.0, "awful": 1.9, "terrible": 1.9, "boring": 1.5,
    "dull": 1.3, "waste": 1.8, "poor": 1.3, "horrible": 1.9,
    "disappointing": 1.5, "disappointed": 1.5, "stupid": 1.3, "weak": 1.0,
    "mess": 1.3, "broken": 1.4, "cheap": 0.9, "slow": 0.8, "annoying": 1.2,
    "predictable": 0.8, "bland": 0.9, "lame": 1.2, "flat": 0.8,
    "pointless": 1.4, "hate": 1.6, "hated": 1.7, "ridiculous": 1.2,
    "forgettable": 1.0, "mediocre": 1.0, "overrated": 1.1, "tedious": 1.3,
    "painful": 1.4, "silly": 0.7, "confusing": 0.8, "useless": 1.6,
    "rude": 1.3, "cold": 0.6, "dirty": 1.2, "noisy": 0.7, "late": 0.6,
    "refund": 1.2, "return": 0.6, "problem": 0.7, "problems": 0.8,
    "fails": 1.2, "failed": 1.2, "sadly": 0.8, "unfortunately": 0.9,
}
INTENSIFIERS = "very really so extremely quite pretty truly totally".split()
NEGATORS = "not never no hardly".split()
SYLLABLES = ("ka lo mi ra ven tor bel an sa rin do mar el ty gra fen ol "
             "ush per lin dra cos mel ith bran wen zo ker tal vin").split()


def zipf_sampler(r, words, s=1.05):
    """Draw from words with weight 1/rank^s."""
    weights = [1.0 / (k + 1) ** s for k in range(len(words))]
    total = sum(weights)
    cum, acc = [], 0.0
    for w in weights:
        acc += w / total
        cum.append(acc)

    def draw():
        u = r.random()
        lo, hi = 0, len(cum) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if cum[mid] < u:
                lo = mid + 1
            else:
                hi = mid
        return words[lo]
    return draw


def made_up_words(r, n):
    out, seen = [], set()
    while len(out) < n:
        w = "".join(r.choice(SYLLABLES) for _ in range(r.randint(2, 3)))
        if w not in seen:
            seen.add(w)
            out.append(w)
    return out


def main():
    r = random.Random(SEED)
    neutral = NOUNS + VERBS + made_up_words(r, 5600)
    r.shuffle(neutral)
    neutral = NOUNS[:40] + neutral
    draw_neutral = zipf_sampler(r, neutral)
    draw_function = zipf_sampler(r, FUNCTION, 0.9)
    # sentiment words are Zipf-distributed too: "good" and "bad" are
    # everywhere, "terrific" is rare (the dicts list them commonest first)
    draw_pos = zipf_sampler(r, list(POSITIVE), 0.9)
    draw_neg = zipf_sampler(r, list(NEGATIVE), 0.9)
    rows = []
    for i in range(N):
        label = i % 2
        length = min(50, max(3, int(round(r.lognormvariate(2.33, 0.5)))))
        words = []
        n_sent = max(1, int(round(length / 4.0 * r.uniform(0.6, 1.4))))
        slots = sorted(r.sample(range(length), min(n_sent, length)))
        but_at = length // 2 if r.random() < 0.15 and length > 8 else -1
        agree_rate = 0.3 if but_at >= 0 else 0.9
        k = 0
        while len(words) < length:
            pos_in = len(words)
            if pos_in == but_at:
                # after "but" the words mostly agree with the label
                words.append("but")
                agree_rate = 0.85
                continue
            if k < len(slots) and pos_in >= slots[k]:
                k += 1
                want_pos = (label == 1) == (r.random() < agree_rate)
                if r.random() < 0.12:
                    # "not good": the negator flips the word after it
                    want_pos = not want_pos
                    words.append(r.choice(NEGATORS))
                if r.random() < 0.2:
                    words.append(r.choice(INTENSIFIERS))
                words.append(draw_pos() if want_pos else draw_neg())
                continue
            words.append(draw_function() if r.random() < 0.45
                         else draw_neutral())
        words = words[:max(length, 1)]
        y = label
        if r.random() < LABEL_NOISE:
            y = 1 - y
        text = " ".join(words)
        if r.random() < 0.3:
            text = text.replace(" but", ", but")
        text = text[0].upper() + text[1:] + r.choice([".", ".", ".", "!", ""])
        rows.append((text, y))
    r.shuffle(rows)
    out = sys.stdout
    out.write("sentence\tlabel\n")
    for text, y in rows:
        out.write("%s\t%d\n" % (text, y))


if __name__ == "__main__":
    main()
