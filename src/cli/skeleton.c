#include "config.h"

#include "cli/skeleton.h"
#include "lesson/lesson.h"

#include <string.h>

/* The rules of load.c: lower-case letters, digits and dashes, not all
 * digits, not starting with a dash, at most LESSON_MAX_ID bytes. */
int
cli_skeleton_id_ok(const char *id)
{
	size_t len = strlen(id);

	return len > 0 && len <= LESSON_MAX_ID && id[0] != '-' &&
	    strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-") == len &&
	    strspn(id, "0123456789") != len;
}

static const char skeleton[] =
"# A lesson for rnntutor. The format is in 'man 5 rnntutor-lesson'.\n"
"# Check it with:  rnntutor --check FILE\n"
"# Read it with:   rnntutor -L DIR --print %s   (DIR holds this file)\n"
"id: %s\n"
"number: 10            # position in the course; the built-in lessons are 1-4\n"
"title: A title of one line\n"
"goal: >\n"
"  One paragraph: what the reader will be able to do at the end.\n"
"blocks:\n"
"  # A level-1 heading starts a section (aim for 5 to 9 of them).\n"
"  - heading: The first section\n"
"  - heading: A subsection\n"
"    level: 2\n"
"  # Text is re-wrapped to the page. A blank line starts a new paragraph;\n"
"  # '- ' and '1. ' start list items; a line indented by 4 spaces is shown\n"
"  # as it is (a formula, a small diagram).\n"
"  - text: |\n"
"      Write paragraphs in plain sentences. Lines are joined, so break\n"
"      them wherever you like.\n"
"\n"
"          h_t = tanh(W_ih x_t + b_ih + W_hh h_(t-1) + b_hh)\n"
"\n"
"      - a bullet, whose next lines hang under its text\n"
"      - another bullet\n"
"  # Code is kept verbatim: at most 76 columns a line.\n"
"  - code: |\n"
"      import torch\n"
"      W = 0.9 * torch.eye(4)\n"
"      print(torch.matrix_power(W, 10).abs().max())\n"
"    lang: python\n"
"    caption: A matrix raised to the 10th power\n"
"  # A sim block runs one of rnntutor's simulations ('rnntutor sim --list').\n"
"  # 'output' right after code shows what that code prints, computed here.\n"
"  - sim: matrix-power\n"
"    params:\n"
"      n: 4\n"
"      scale: 0.9\n"
"      power: 10\n"
"    output: |\n"
"      tensor({max_abs:.4f})\n"
"  # Knobs are parameters the reader turns; charts draw result series.\n"
"  - sim: linear-bptt\n"
"    caption: A gradient norm flowing back through 20 steps\n"
"    params:\n"
"      scale: 0.9\n"
"      steps: 20\n"
"    knobs:\n"
"      - scale\n"
"      - name: steps\n"
"        min: 5\n"
"        max: 100\n"
"        step: 5\n"
"    charts:\n"
"      - series: norm\n"
"        height: 2\n"
"        scale: log\n"
"        caption: norm from step 0 (left) to the last step (right)\n"
"    output: |\n"
"      last/first = {ratio:.4g}\n"
"    try: |\n"
"      Turn scale above 1 and watch the norm grow instead of shrink.\n"
"  # A multiple-choice quiz: 'answer' is the letter of the right choice.\n"
"  - quiz: What does the chart show when scale is below 1?\n"
"    choices:\n"
"      - the norm grows\n"
"      - the norm shrinks by the same factor every step\n"
"      - the norm stays the same\n"
"    answer: b\n"
"    explain: |\n"
"      Each step multiplies the gradient by W^T = scale I, so the norm is\n"
"      multiplied by scale every step.\n"
"  # A numeric quiz: no choices, a number as the answer.\n"
"  - quiz: What is 0.9 to the 10th power, to three decimals?\n"
"    answer: 0.349\n"
"    tolerance: 0.001\n"
"    explain: 0.9^10 = 0.3487 to four decimals.\n"
"    retry: true\n"
"  - heading: Summary\n"
"  - text: |\n"
"      - One line for each thing the reader should take away.\n";

/* See skeleton.h. */
void
cli_skeleton(FILE *out, const char *id)
{
	fprintf(out, skeleton, id, id);
}
