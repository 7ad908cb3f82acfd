#!/usr/bin/env python3
"""Write rnntutor's own sentiment corpus: lessons/data/sentiment.tsv.

An authoring tool, run by hand (not by the build); its output is committed.
Every sentence comes from the templates and word lists below, written for
this course; nothing is copied from a dataset. The corpus is made so that
word order and long-range context matter:

  simple     "The soundtrack was truly wonderful."
  negation   "The plot was not clever at all."   "It was never boring."
  contrast   "The acting was superb, but the script was lazy."
             (the clause after "but", "yet", "still", or the main clause
             of "although ..." / "even though ..." decides)
  longrange  the deciding words are followed by 10 or more neutral words:
             "I loved this film, and we saw it on a rainy Tuesday evening
             with my sister and her two children before we caught the last
             bus home."

Columns (tab-separated, with a header line): sentence, label (1 positive,
0 negative), split (train or test, fixed), longrange (1 when the last word
that decides the label is at least LONG_GAP words before the end).

    python3 lessons/data/make_sentiment.py > lessons/data/sentiment.tsv

The output is the same on every run (a fixed seed and Python's documented
random.Random algorithms).
"""

import random
import sys

SEED = 20241123
PER_CATEGORY = {            # sentences per category (half positive)
    "simple": 800,             # and "X and Y" of the same sign
    "negation": 800,
    "contrast": 1000,
    "longrange": 1400,
}
TEST_FRACTION = 0.2
LONG_GAP = 10               # words after the deciding word for "longrange"

# ---- the domains: what is reviewed, its parts, and what one does with it ----
# Each group of aspects has adjectives of its own on top of the general ones,
# so that "the waiter was rude" and "the soup was stale" both read well.

DOMAINS = {
    "film": {
        "things": ["film", "movie", "picture", "documentary", "thriller",
                   "comedy"],
        "groups": [
            (["the acting", "the plot", "the script", "the dialogue",
              "the ending", "the cast", "the direction", "the pacing",
              "the lead actor", "the jokes", "the first half",
              "the final scene", "the opening scene", "the villain"],
             ["moving", "gripping", "clever", "funny", "thoughtful",
              "inventive", "charming", "engaging"],
             ["tedious", "clumsy", "predictable", "shallow", "lifeless",
              "pointless", "messy", "awkward"]),
            (["the soundtrack", "the camera work", "the special effects",
              "the costumes", "the score", "the editing"],
             ["beautiful", "striking", "elegant", "inventive", "stylish"],
             ["clumsy", "cheap", "messy", "garish", "distracting"]),
        ],
        "did": ["watched it", "saw it"],
    },
    "book": {
        "things": ["book", "novel", "memoir", "biography", "story collection",
                   "thriller"],
        "groups": [
            (["the writing", "the plot", "the prose", "the heroine",
              "the ending", "the first chapter", "the dialogue",
              "the translation", "the last hundred pages",
              "the middle section", "the characters", "the narrator",
              "the research", "the descriptions"],
             ["moving", "gripping", "clever", "funny", "thoughtful",
              "elegant", "vivid", "engaging"],
             ["tedious", "clumsy", "predictable", "shallow", "lifeless",
              "pointless", "plodding", "awkward"]),
        ],
        "did": ["read it", "finished it"],
    },
    "restaurant": {
        "things": ["restaurant", "cafe", "bistro", "pizzeria", "bakery",
                   "noodle bar"],
        "groups": [
            (["the food", "the soup", "the dessert", "the bread",
              "the main course", "the coffee", "the pasta", "the salad",
              "the curry", "the cake", "the fish"],
             ["fresh", "delicious", "tasty", "generous", "fragrant"],
             ["stale", "greasy", "tasteless", "soggy", "overcooked"]),
            (["the service", "the staff", "the waiter", "the owner"],
             ["friendly", "attentive", "charming", "helpful", "warm"],
             ["rude", "slow", "careless", "unhelpful", "sullen"]),
        ],
        "did": ["ate there", "went there", "had lunch there"],
    },
    "game": {
        "things": ["game", "sequel", "puzzle game", "board game",
                   "racing game", "role playing game"],
        "groups": [
            (["the gameplay", "the controls", "the level design",
              "the boss fights", "the tutorial", "the multiplayer",
              "the puzzles", "the final level", "the rules",
              "the difficulty curve"],
             ["clever", "inventive", "addictive", "polished", "smooth",
              "fair", "engaging"],
             ["clumsy", "buggy", "tedious", "unfair", "repetitive",
              "confusing", "frustrating"]),
            (["the story", "the music", "the graphics", "the voice acting",
              "the artwork", "the soundtrack"],
             ["beautiful", "moving", "charming", "stylish", "vivid"],
             ["cheap", "clumsy", "grating", "shallow", "ugly"]),
        ],
        "did": ["played it", "tried it"],
    },
    "album": {
        "things": ["album", "record", "concert", "live show", "musical",
                   "opera"],
        "groups": [
            (["the vocals", "the lyrics", "the production",
              "the opening track", "the guitar work", "the drumming",
              "the second half", "the title song", "the chorus",
              "the band", "the encore", "the arrangements",
              "the orchestra", "the singer", "the sound", "the songs"],
             ["catchy", "moving", "powerful", "elegant", "polished",
              "beautiful", "fresh"],
             ["tuneless", "shrill", "muddy", "tedious", "repetitive",
              "grating", "lifeless"]),
        ],
        "did": ["heard it", "listened to it", "went to it"],
    },
}

PLURAL = {"the jokes", "the special effects", "the costumes", "the staff",
          "the characters", "the descriptions", "the controls",
          "the graphics", "the boss fights", "the puzzles", "the rules",
          "the vocals", "the lyrics", "the arrangements", "the songs",
          "the cast", "the last hundred pages"}

# ---- sentiment words --------------------------------------------------------
# gradable adjectives take "very", "quite"...; extreme ones "absolutely"...

POS_GRADABLE = ["good", "enjoyable", "lovely", "impressive", "satisfying",
                "pleasant", "memorable", "special"]
POS_EXTREME = ["wonderful", "superb", "brilliant", "excellent", "fantastic",
               "outstanding", "marvellous", "splendid", "terrific",
               "delightful", "flawless", "perfect"]
NEG_GRADABLE = ["bad", "poor", "dull", "weak", "disappointing", "bland",
                "mediocre", "forgettable", "sloppy", "lazy", "tiresome",
                "flat"]
NEG_EXTREME = ["awful", "terrible", "dreadful", "horrible", "unbearable",
               "hopeless", "atrocious", "abysmal", "woeful", "dire",
               "appalling", "dismal"]

GRADABLE_INTENS = ["very", "really", "quite", "rather", "remarkably",
                   "incredibly", "genuinely", "so", "surprisingly",
                   "thoroughly"]
EXTREME_INTENS = ["absolutely", "truly", "utterly", "simply", "really",
                  "just"]
ATTRIBUTIVE_NOT = {"so", "quite", "just", "simply"}

# whole verdicts about the thing (the object is filled in)
POS_VERBS = ["loved", "enjoyed", "adored", "liked", "admired", "treasured"]
NEG_VERBS = ["hated", "disliked", "loathed", "detested", "despised",
             "could not stand"]
POS_NOUNS = ["a delight", "a joy", "a treat", "a triumph", "a gem",
             "a pleasure", "a real find", "a masterpiece"]
NEG_NOUNS = ["a mess", "a chore", "a letdown", "a disaster", "a failure",
             "a waste of time", "a disappointment", "a slog"]

# ---- neutral padding (no sentiment, no negation, no contrast words) --------

WHEN = ["on a rainy tuesday evening", "last weekend", "over the holidays",
        "during a long train journey", "after work on friday",
        "on the first day of our trip", "on a cold winter night",
        "a few days after it came out", "on a sunday afternoon in march",
        "the week before my birthday", "during the school holidays",
        "late on a saturday night", "on our way back from the coast",
        "the day after we moved house", "at the end of a busy month"]
WITH = ["with my sister and her two children", "with a group of friends from university",
        "with my parents", "with two colleagues from the office",
        "with my brother and his wife", "with our neighbours from across the road",
        "with my oldest friend", "with the whole family",
        "with a cousin who was visiting from abroad",
        "with my partner and our dog", "with three people from my book club"]
WHERE = ["in the small place near the station", "in the old building on the high street",
         "at a friend's house across town", "in a hall near the river",
         "on my phone on the bus", "in the town where my grandmother lives",
         "at the place next to the library", "in a village two hours north of here",
         "in the city centre", "at my aunt's flat on the fourth floor"]
THEN = ["before we caught the last bus home", "before we went for a walk by the canal",
        "and then we drove home in the dark", "before the long drive back",
        "and afterwards we talked about it for an hour",
        "while it rained outside", "while the kids were asleep upstairs",
        "after a quick dinner at home", "after the usual queue at the door",
        "and we stayed until about eleven", "and we got home just after midnight",
        "which a colleague had mentioned a few weeks earlier",
        "which my neighbour had told me about in the spring"]
LEADS = ["to be honest", "all in all", "in the end", "for what it is worth",
         "if you ask me", "as far as i am concerned", "on balance",
         "having thought about it for a while", "looking back on it now"]
PREFIXES = ["after a long week at work and a slow drive across town",
            "having read about it in the local paper a month ago",
            "since my sister had talked about it all through the summer",
            "after waiting for almost a year for it to arrive here",
            "on the advice of a friend who knows about these things",
            "when we finally got round to it one evening in november"]


def join(tokens):
    """Words separated by spaces, punctuation attached to the word before."""
    out = ""
    for tok in tokens:
        if tok in (",", ".", "!", ";"):
            out += tok
        elif out:
            out += " " + tok
        else:
            out = tok
    return out


class Builder:
    """A sentence as tokens, remembering where the deciding word is."""

    def __init__(self):
        self.tokens = []
        self.decisive = None       # index (in words) of the deciding word

    def words(self):
        return [t for t in self.tokens if t not in (",", ".", "!", ";")]

    def add(self, text, decisive_word=None):
        """Append text; decisive_word names the word in text that decides."""
        for tok in text.replace(",", " ,").replace(";", " ;").split():
            if decisive_word is not None and tok == decisive_word:
                self.decisive = len(self.words())
            self.tokens.append(tok)

    def gap(self):
        """Words after the deciding word."""
        return len(self.words()) - 1 - self.decisive


class Generator:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def pick(self, seq):
        return self.r.choice(seq)

    def domain(self):
        return self.pick(sorted(DOMAINS))

    def be(self, subject, tense):
        plural = subject in PLURAL
        if tense == "past":
            return "were" if plural else "was"
        return "are" if plural else "is"

    def aspect(self, dom, avoid):
        """(aspect, positive extras, negative extras), not one in avoid."""
        while True:
            aspects, pos, neg = self.pick(DOMAINS[dom]["groups"])
            subj = self.pick(aspects)
            if subj not in avoid:
                avoid.add(subj)
                return subj, pos, neg

    def adjective(self, positive, intensify, extras=((), ()),
                  attributive=False):
        """(phrase, deciding word): 'really dull', 'dull'. Attributive
        phrases stand before a noun: 'a very dull film', never 'a so dull'."""
        extreme = self.r.random() < 0.35
        if extreme:
            word = self.pick(POS_EXTREME if positive else NEG_EXTREME)
        else:
            word = self.plain_adjective(positive, extras)
        if intensify:
            pool = EXTREME_INTENS if extreme else GRADABLE_INTENS
            if attributive:
                pool = [w for w in pool if w not in ATTRIBUTIVE_NOT]
            return self.pick(pool) + " " + word, word
        return word, word

    def plain_adjective(self, positive, extras):
        """A gradable adjective (reads well after 'not' and 'very'); the
        aspect's own words half of the time."""
        own = extras[0] if positive else extras[1]
        if own and self.r.random() < 0.5:
            return self.pick(own)
        return self.pick(POS_GRADABLE if positive else NEG_GRADABLE)

    # ---- clauses: (text, deciding word) ----

    def clause_aspect(self, dom, positive, tense, avoid):
        """'the soup was really bland'"""
        subj, pos, neg = self.aspect(dom, avoid)
        adj, word = self.adjective(positive, self.r.random() < 0.5, (pos, neg))
        if self.r.random() < 0.2:
            adj2, word2 = self.adjective(positive, False, (pos, neg))
            if word2 != word:
                adj, word = adj + " and " + adj2, word2
        return "%s %s %s" % (subj, self.be(subj, tense), adj), word

    def clause_whole(self, dom, positive, tense):
        """A verdict on the whole thing: 'I loved this film'."""
        thing = self.pick(DOMAINS[dom]["things"])
        r = self.r.random()
        if r < 0.35:
            noun = self.pick(POS_NOUNS if positive else NEG_NOUNS)
            word = {"a real find": "find", "a waste of time": "waste"}.get(
                noun, noun.split()[-1])
            return "the %s %s %s" % (thing, self.be("x", tense), noun), word
        if r < 0.7:
            verb = self.pick(POS_VERBS if positive else NEG_VERBS)
            obj = self.pick(["this " + thing, "the " + thing,
                             "every minute of it"])
            return "i %s %s" % (verb, obj), verb.split()[-1]
        adj, word = self.adjective(positive, self.r.random() < 0.4,
                                   attributive=True)
        art = "an" if adj[0] in "aeiou" else "a"
        return "it %s %s %s %s" % (self.be("x", tense), art, adj, thing), word

    def clause_negated(self, dom, positive, tense, avoid):
        """A clause whose label is `positive`, made by negating the opposite."""
        opposite = not positive
        subj, pos, neg = self.aspect(dom, avoid)
        be = self.be(subj, tense)
        adj = self.plain_adjective(opposite, (pos, neg))
        r = self.r.random()
        if r < 0.25:
            return "%s %s not %s" % (subj, be, adj), adj
        if r < 0.4:
            return "%s %sn't %s at all" % (subj, be, adj), adj
        if r < 0.55:
            return "%s %s never %s" % (subj, be, adj), adj
        if r < 0.65:
            return "%s %s far from %s" % (subj, be, adj), adj
        if r < 0.75:
            return "%s %s hardly %s" % (subj, be, adj), adj
        if r < 0.85:
            return "there %s nothing %s about %s" % (
                self.be("x", tense), adj, subj), adj
        if r < 0.93:
            thing = self.pick(DOMAINS[dom]["things"])
            verb = self.pick(["like", "enjoy", "love"] if opposite
                             else ["hate", "dislike", "mind"])
            aux = "did not" if tense == "past" else "do not"
            return "i %s %s this %s" % (aux, verb, thing), verb
        word = self.pick(POS_EXTREME if opposite else NEG_EXTREME)
        return "no one could call %s %s" % (subj, word), word

    def clause(self, dom, positive, tense, avoid, negation_rate=0.3,
               whole_rate=0.0):
        r = self.r.random()
        if r < negation_rate:
            return self.clause_negated(dom, positive, tense, avoid)
        if r < negation_rate + whole_rate:
            return self.clause_whole(dom, positive, tense)
        return self.clause_aspect(dom, positive, tense, avoid)

    def tense(self):
        return "past" if self.r.random() < 0.7 else "present"

    def tail(self, dom, min_words):
        """Neutral words about when, where and with whom, at least min_words."""
        parts = []
        did = self.pick(DOMAINS[dom]["did"])
        parts.append("and we %s %s" % (did, self.pick(WHEN)))
        pools = [WITH, WHERE, THEN]
        self.r.shuffle(pools)
        for pool in pools:
            if sum(len(p.split()) for p in parts) >= min_words:
                break
            parts.append(self.pick(pool))
        return " ".join(parts)

    # ---- the categories ----

    def simple(self, positive):
        b = Builder()
        dom = self.domain()
        text, word = self.clause(dom, positive, self.tense(), set(),
                                 negation_rate=0.0, whole_rate=0.4)
        if self.r.random() < 0.15:
            b.add(self.pick(LEADS) + ",")
        b.add(text, word)
        return b, positive

    def agreement(self, positive):
        """Two clauses of the same sign joined by "and": no contrast."""
        b = Builder()
        dom = self.domain()
        tense = self.tense()
        avoid = set()
        first, _ = self.clause(dom, positive, tense, avoid, negation_rate=0.2)
        second, word = self.clause(dom, positive, tense, avoid,
                                   negation_rate=0.2, whole_rate=0.3)
        b.add(first + ", and ")
        b.add(second, word)
        return b, positive

    def negation(self, positive):
        b = Builder()
        dom = self.domain()
        tense = self.tense()
        r = self.r.random()
        if r < 0.75:
            text, word = self.clause_negated(dom, positive, tense, set())
            b.add(text, word)
        elif r < 0.9:
            # idioms whose words mislead a bag of words
            if positive:
                text, word = self.pick([
                    ("i could not put it down", "put"),
                    ("i cannot recommend it enough", "enough"),
                    ("i could not stop smiling", "smiling"),
                    ("not a single minute was boring", "boring"),
                    ("nothing about it was disappointing", "disappointing"),
                    ("i have no complaints at all", "complaints"),
                ])
            else:
                text, word = self.pick([
                    ("i would not recommend it to anyone", "recommend"),
                    ("it was not worth the money", "worth"),
                    ("i have never been so bored", "bored"),
                    ("not a single moment was memorable", "memorable"),
                    ("nothing about it was good", "good"),
                    ("i could not wait for it to end", "end"),
                ])
            b.add(text, word)
        else:
            # negation of an intensified word: "not very good", "never truly awful"
            subj, pos, neg = self.aspect(dom, set())
            adj, word = self.adjective(not positive, True, (pos, neg))
            b.add("%s %s %s %s" % (subj, self.be(subj, tense),
                                   self.pick(["not", "never"]), adj), word)
        return b, positive

    def contrast_parts(self, b, dom, positive, tense):
        """Two clauses of opposite sign; the one the connective favours wins.
        The losing clause is about one aspect; the winner may be a verdict on
        the whole thing ("the plot was thin, but I loved the film")."""
        avoid = set()
        loser, _ = self.clause(dom, not positive, tense, avoid)
        winner, word = self.clause(dom, positive, tense, avoid,
                                   whole_rate=0.3)
        r = self.r.random()
        if r < 0.45:
            conj = self.pick(["but", "but", "but", "yet", "but overall",
                              "but in the end"])
            b.add(loser + ", " + conj + " ")
            b.add(winner, word)
        elif r < 0.7:
            conj = self.pick(["although", "even though", "while", "though"])
            b.add(conj + " " + loser + ", ")
            b.add(winner, word)
        elif r < 0.85:
            conj = self.pick(["even though", "although", "though"])
            b.add(winner, word)
            b.add(", " + conj + " " + loser)
        else:
            b.add(loser + "; ")
            b.add(self.pick(["still", "even so", "all the same"]) + ", ")
            b.add(winner, word)

    def contrast(self, positive):
        b = Builder()
        self.contrast_parts(b, self.domain(), positive, self.tense())
        return b, positive

    def longrange(self, positive):
        b = Builder()
        dom = self.domain()
        tense = "past"
        if self.r.random() < 0.15:
            b.add(self.pick(PREFIXES) + ", ")
        kind = self.r.random()
        if kind < 0.55:
            text, word = self.clause(dom, positive, tense, set(),
                                     negation_rate=0.35, whole_rate=0.3)
            b.add(text, word)
        else:
            self.contrast_parts(b, dom, positive, tense)
        b.add(", " + self.tail(dom, self.r.randint(LONG_GAP + 2, 22)))
        return b, positive


def finish(text):
    """Capitalise, add the final stop, write "i" as "I"."""
    words = text.split(" ")
    words = ["I" if w == "i" else ("I'm" if w == "i'm" else w) for w in words]
    text = " ".join(words)
    text = text[0].upper() + text[1:]
    return text + ("!" if text.endswith("wonderful") else ".")


def main():
    gen = Generator(SEED)
    seen = set()
    rows = []
    makers = {
        "simple": [gen.simple, gen.agreement],
        "negation": [gen.negation],
        "contrast": [gen.contrast],
        "longrange": [gen.longrange],
    }
    for category in ["simple", "negation", "contrast", "longrange"]:
        want = PER_CATEGORY[category]
        group = []
        for positive in (True, False):
            made = 0
            tries = 0
            while made < want // 2:
                tries += 1
                if tries > 200 * want:
                    sys.exit("make_sentiment: too few distinct sentences for "
                             + category)
                maker = gen.pick(makers[category])
                b, label = maker(positive)
                if b.decisive is None:
                    sys.exit("make_sentiment: no deciding word in " +
                             join(b.tokens))
                text = finish(join(b.tokens))
                if text.lower() in seen:
                    continue
                longrange = b.gap() >= LONG_GAP
                if category == "longrange" and not longrange:
                    continue
                if category != "longrange" and longrange:
                    continue
                seen.add(text.lower())
                group.append((text, 1 if label else 0, longrange))
                made += 1
        gen.r.shuffle(group)
        ntest = int(round(len(group) * TEST_FRACTION))
        for i, (text, label, longrange) in enumerate(group):
            split = "test" if i < ntest else "train"
            rows.append((text, label, split, longrange))
    gen.r.shuffle(rows)
    out = sys.stdout
    out.write("sentence\tlabel\tsplit\tlongrange\n")
    for text, label, split, longrange in rows:
        out.write("%s\t%d\t%s\t%d\n" % (text, label, split, 1 if longrange else 0))


if __name__ == "__main__":
    main()
